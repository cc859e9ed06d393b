"""Every outcome that is not a record: one small exception per kind, each message in one table.

Messages say what went wrong and how to fix it; codes are stable so scripts can match on them.
"""

from __future__ import annotations


class _Code:
    """One error code: the attribute's name is the code, its value the message (with its fix)."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.code = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name

    def __get__(self, instance: object, owner: type | None = None) -> str:
        return self.code


class Errors:
    """Every error code as an attribute, raised as `InputError(Errors.E004, detail)`: a mistyped code
    fails where it is written (and in mypy), never as a lookup at raise time. Codes are stable;
    `docs/errors.md` says when each happens (a test keeps it complete)."""

    E001 = _Code("input is empty or only whitespace: nothing to extract")
    E002 = _Code("input looks binary ({detail}): give a text or HTML file")
    E003 = _Code("input is not valid text in any supported encoding ({detail}): convert it to UTF-8")
    E004 = _Code(
        "input is too large ({detail}): split it, or raise the limit with --max-bytes N (extract, run, retry, show)"
    )
    E005 = _Code("input not found: {detail}")
    E006 = _Code("cannot read input: {detail}")
    E007 = _Code("page has no article text ({detail})")
    E010 = _Code("fetch failed: {detail}")
    E011 = _Code("fetch refused by robots.txt: {detail}")
    E012 = _Code("fetch refused: {detail}")
    E013 = _Code("response too large ({detail}): raise the limit with --max-bytes")
    E014 = _Code("response is not an accepted content type ({detail}): only HTML pages are extracted")
    E015 = _Code("too many redirects ({detail}): the site loops or moved too often")
    E016 = _Code(
        "fetch timed out ({detail}): the whole response did not arrive in time; retry later or raise total_timeout"
    )
    E017 = _Code("response body is incomplete ({detail}): the connection ended early; fetch it again")
    E020 = _Code("record failed validation: {detail}")
    E030 = _Code("unsupported input: {detail}")
    E031 = _Code("archive is damaged ({detail}): what came before the damage was read; fetch or copy the file again")
    E032 = _Code("archive record is not a page ({detail}): only HTML and plain-text records are extracted")
    E033 = _Code(
        "revisit record whose original is not in this archive ({detail}): extract the archive holding the original"
    )
    E034 = _Code("not a regular file ({detail}): FIFOs, devices and sockets are never read; copy the data to a file")
    E040 = _Code(
        "input took longer than the per-article time budget ({detail}): split it into articles, or raise the budget with --article-seconds S"
    )
    E041 = _Code("page has too many HTML elements ({detail}): it is not one article; save the article's own page")
    E050 = _Code("cannot write {detail}: name a file in a folder you may write to (missing folders are created)")
    E051 = _Code(
        "database error ({detail}): check the --db URL, that the server runs and accepts you, and free disk space"
    )
    E052 = _Code(
        "dead letter cannot be retried ({detail}): it kept neither the input's bytes nor a file or URL to read again; extract the original input"
    )
    E053 = _Code("not a dead letter ({detail}): give retry the JSON Lines file that --dead-letter wrote")
    E054 = _Code("cannot read the list of inputs ({detail}): give -i a UTF-8 text file with one path or URL per line")
    E060 = _Code(
        "input is only a list of web addresses ({detail}): extract the pages themselves (vnextract extract URL..., or -i FILE for a list) or give the article's text"
    )
    E070 = _Code(
        "input the cluster workers cannot read ({detail}): --engine ray-data reads files and folders every node can reach; save pages first (vnextract fetch --warc pages.warc.gz) and pass the archive, or use --engine local"
    )
    E071 = _Code("no sink for the cluster run ({detail}): give --db URL and/or --parquet DIR")
    E072 = _Code("--engine ray-data needs Ray Data ({detail}): pip install 'vnextract[ray]'")
    E073 = _Code("Ray could not start ({detail}): check RAY_ADDRESS, or unset it for a local instance")
    E074 = _Code(
        "no filesystem for this URL ({detail}): pip install its fsspec package (s3fs for s3://, gcsfs for gs://, adlfs for az://)"
    )
    E075 = _Code(
        "cannot list {detail}: check the URL, that the bucket or folder exists, and the storage credentials in the environment (AWS_ACCESS_KEY_ID/AWS_PROFILE/AWS_ENDPOINT_URL for s3://, GOOGLE_APPLICATION_CREDENTIALS for gs://)"
    )
    E099 = _Code("unexpected error while extracting (a bug, please report it): {detail}")


# code -> message, read from the attributes above (never written out twice)
MESSAGES: dict[str, str] = {
    name: value.message for name, value in vars(Errors).items() if isinstance(value, _Code)
}


class VnextractError(Exception):
    """Base of all expected failures; carries a stable code and a readable reason."""

    code = "E000"

    def __init__(self, code: str, detail: str = "", source: str | None = None) -> None:
        self.code = code
        self.detail = detail
        self.source = source  # the input it concerns ("a.jsonl:3", a path, a URL), when known
        self.reason = MESSAGES[code].format(detail=detail)
        super().__init__(f"[{code}] {self.reason}")

    def __reduce__(self) -> tuple[type[VnextractError], tuple[object, ...]]:
        # Errors cross process boundaries (Extractor.pipe, run's workers): rebuild from the code.
        return (type(self), (self.code, self.detail, self.source))


class InputError(VnextractError):
    """The input cannot be turned into an article (empty, binary, undecodable, too large)."""


class FetchError(VnextractError):
    """A URL could not be fetched, or was refused by policy."""


class Rejection(VnextractError):
    """An extracted record failed validation; it is reported, never emitted as good."""


class ExtractorFailed(VnextractError):
    """One extractor component raised (a bug): the input is rejected with E099 naming the component,
    and the other inputs go on."""

    def __init__(self, component: str, cause: BaseException | str, source: str | None = None) -> None:
        self.component = component
        self.cause = cause if isinstance(cause, str) else f"{type(cause).__name__}: {cause}"
        super().__init__(Errors.E099, f"in extractor {component}: {self.cause}", source)

    def __reduce__(self) -> tuple[type[ExtractorFailed], tuple[object, ...]]:
        return (type(self), (self.component, self.cause, self.source))
