"""Sources: everything that turns a spec (file, folder, JSONL, WARC, stdin, URL) into RawDocuments.

    inputs.py      iter_inputs(specs, settings) -> RawDocument | InputError | FetchError;
                   walk_files (the one folder walk), count_inputs, JSON Lines, sidecars
    paths.py       printable names for any file name; open_regular (FIFOs never block)
    warc.py        WarcSink (request + response, revisits) and iter_warc (verified reading)
    http.py        Fetcher: one Session, retries, redirects, size/time limits, content-type check
    codings.py     gzip/deflate/br bodies decoded under a ceiling, with an end-of-stream check
    deadline.py    a wall-clock deadline over one HTTP exchange, from connect to last byte
    safety.py      AddressPolicy: http(s) only, private/loopback/link-local refused before connecting
    robots.py      RobotsPolicy: robots.txt per scheme://host:port, Crawl-delay; userinfo dropped
    politeness.py  HostThrottle (per-host delay), ConcurrencyLimit, injectable Clock
    cache.py       HttpCache: conditional GET (ETag / Last-Modified) on disk
    discover.py    feeds and sitemaps -> canonical, unique URLs (since, limit)
    limits.py      bounded reads and gunzip
    outcomes.py    FetchFailed: a FetchError carrying url and HTTP status
    cli.py         register(subparsers): the `vnextract fetch` subcommand
"""
