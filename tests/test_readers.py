import gzip
import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from storyline.read import read_paths
from storyline.read.common import parse_date
from storyline.read.text import read_text
from storyline.records import Article, Failure

LIMIT = 1_000_000


@pytest.mark.parametrize("text, published, source, outlet, title, author", [
    ("date 2019-05-14 Daily Planet\n\nTitle line\n\nBody.", "2019-05-14", "metadata", None, "Title line", None),
    ("Published: February 10, 2017\nBy Jane Doe\n\nHeadline\n\nBody text.", "2017-02-10", "metadata", None,
     "Headline", "Jane Doe"),
    ("LONDON, May 14, 2019 (Reuters) - The minister said.", "2019-05-14", "dateline", "Reuters", None, None),
    ("date 2019-05-10\n\nA title\n\nLONDON, May 14 (Reuters) - Text.", "2019-05-10", "metadata", "Reuters",
     "A title", None),
    ("Outlet: Harbour Herald\nTitle: Given title\n\nText only.", None, None, "Harbour Herald", "Given title", None),
    ("By Tuesday the ministry had said nothing.", None, None, None, None, None),
    ("Just a story without metadata. It has two sentences.", None, None, None, None, None),
    # a file of one line is its article's text, not a title over nothing
    ("BREAKING: Rosenberg was captured after going to Iraq - Ch 2\n", None, None, None, None, None),
])
def test_text_metadata(text, published, source, outlet, title, author):
    a = read_text(text, "x.txt")
    assert (a.published, a.published_from, a.outlet, a.title, a.author) == (published, source, outlet, title, author)
    assert a.text == text  # offsets point into the file's own text


def test_dateline_without_year_gives_no_date():
    a = read_text("PARIS, March 3 (Northgate Wire) - Something.", "x.txt")
    assert a.published is None and a.outlet == "Northgate Wire"


@pytest.mark.parametrize("name, text, published, source", [
    ("nyt_2016-09-25_obama-says.txt", "Just a story. It has two sentences.", "2016-09-25", "inferred"),
    ("herald-2026-03-09.txt", "date 2026-03-10\n\nTitle\n\nBody.", "2026-03-10", "metadata"),
    ("report-2019-02-30.txt", "Just a story.", None, None),
    ("2016-0925.txt", "Just a story.", None, None),
])
def test_a_day_in_the_file_name_dates_an_article_that_gives_none(name, text, published, source):
    a = read_text(text, name)
    assert (a.published, a.published_from) == (published, source)


@pytest.mark.parametrize("value, expected", [
    ("2019-05-14", "2019-05-14"), ("February 10, 2017", "2017-02-10"), ("10 Feb 2017", "2017-02-10"),
    ("Sept. 3, 2016 at noon", "2016-09-03"), ("2019-02-30", None), ("soon", None), ("", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def _read(path):
    return list(read_paths([path], LIMIT))


def test_html_strips_scripts_and_keeps_metadata(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><title>T | Site</title><meta name='author' content='Ann Lee'>"
        "<meta property='og:site_name' content='Meridian Post'>"
        "<meta property='article:published_time' content='2026-03-20'><script>alert('x')</script></head>"
        "<body><nav>Home</nav><article><h1>Varga denies meeting</h1><p>Minister Ilse Varga on Tuesday denied "
        "that she had met the shipping executive, her spokesman said.</p><p>Two senior officials said the "
        "meeting took place on March 9 in the capital.</p></article><footer>(c)</footer></body></html>")
    [a] = _read(tmp_path / "a.html")
    assert isinstance(a, Article)
    assert a.published == "2026-03-20" and a.outlet == "Meridian Post" and a.author == "Ann Lee"
    assert "alert" not in a.text and "denied that she had met" in a.text


def test_jsonl_bad_line_is_a_failure_and_the_rest_is_read(tmp_path):
    lines = [json.dumps({"text": "One story.", "outlet": "A", "published": "2026-03-01"}), "{not json",
             json.dumps(["a list"]), json.dumps({"title": "no text"}), json.dumps({"text": "Two stories."})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines))
    items = _read(tmp_path / "a.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Failure", "Article"]
    assert items[0].published == "2026-03-01" and items[1].path == "a.jsonl#2"


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50, "binary"),
    ("notes.pdf", b"%PDF-1.4", "the PDF could not be read"),
    ("notes.doc", b"\xd0\xcf\x11\xe0", "cannot be read"),
    ("notes.odp", b"PK", "unknown file type"),
    ("broken.warc.gz", b"this is not a warc", "WARC"),
])
def test_bad_files_become_failures(tmp_path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    [f] = _read(tmp_path / name)
    assert isinstance(f, Failure) and problem in f.problem and f.hint


def test_huge_file_is_refused_before_reading(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    [f] = list(read_paths([tmp_path / "big.txt"], max_bytes=100))
    assert isinstance(f, Failure) and "over the limit" in f.problem


def test_undecodable_bytes_fall_back_to_cp1252(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 owner said \u201cno\u201d.".encode("cp1252"))
    [a] = _read(tmp_path / "latin.txt")
    assert "Caf\u00e9" in a.text and "\u201cno\u201d" in a.text


def test_folder_is_read_recursively_and_skips_hidden(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("A story.")
    (tmp_path / "b.txt").write_text("Another story.")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Hidden.")
    items = _read(tmp_path)
    assert sorted(i.name for i in items) == ["b.txt", "sub/deeper/a.txt"]


def test_missing_path_is_a_failure(tmp_path):
    [f] = _read(tmp_path / "nope")
    assert isinstance(f, Failure) and "no such file" in f.problem


def test_feed_entries_become_articles(tmp_path):
    (tmp_path / "f.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Civic Ledger</title>"
        "<item><title>First</title><link>http://example.org/1</link><pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;The port authority said on Monday that the audit had started.&lt;/p&gt;</description></item>"
        "</channel></rss>")
    [a] = _read(tmp_path / "f.rss")
    assert a.published == "2026-03-10" and a.outlet == "Civic Ledger" and "audit had started" in a.text


def test_warc_html_responses_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    body = (b"<html><head><title>Port audit</title></head><body><article><h1>Port audit</h1><p>The port "
            b"authority confirmed on Monday that auditors had arrived at the harbour offices.</p></article></body></html>")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://example.org/a", "response", payload=io.BytesIO(body),
                                                  http_headers=headers))
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    [a] = _read(tmp_path / "crawl.warc.gz")
    assert isinstance(a, Article) and a.url == "http://example.org/a" and "auditors had arrived" in a.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_articles_or_failures_never_exceptions(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for name in ("x.txt", "x.html", "x.jsonl"):
        (folder / name).write_bytes(data)
    for item in read_paths([folder], LIMIT):
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Article):
            assert item.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_text_reader_keeps_text_and_offsets(text):
    if not text.strip():
        return
    from storyline.read.common import clean
    text = clean(text)
    if not text.strip():
        return
    a = read_text(text, "x.txt")
    assert a.text == text and 0 <= a.body_start <= len(text)
