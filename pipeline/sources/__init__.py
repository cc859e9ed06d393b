"""Sources: everything that turns a spec (file, folder, JSONL, WARC, stdin, URL) into RawDocuments.

    inputs.py      iter_inputs(specs, settings) -> RawDocument | InputError | FetchError
    http.py        Fetcher: one Session, retries, redirects, size/time limits, content-type check
    safety.py      AddressPolicy: http(s) only, private/loopback/link-local refused before connecting
    robots.py      RobotsPolicy: robots.txt per host, Crawl-delay
    politeness.py  HostThrottle (per-host delay), ConcurrencyLimit, injectable Clock
    cache.py       HttpCache: conditional GET (ETag / Last-Modified) on disk
    discover.py    feeds and sitemaps -> canonical, unique URLs (since, limit)
    warc.py        WarcSink (write request+response) and iter_warc (read)
    limits.py      bounded reads and gunzip
    outcomes.py    FetchFailed: a FetchError carrying url and HTTP status
    cli.py         register(subparsers): the `vnextract fetch` subcommand
"""
