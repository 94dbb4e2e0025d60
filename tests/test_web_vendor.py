"""The built front-end libraries in static/vendor/ (scripts/build_web_vendor.py) over plain HTTP:
served by name from that one folder only, loaded by the pages that use them, all or none.

These run on stand-in files, so they need neither npm nor the build step."""
import importlib.util
import json
from pathlib import Path

import pytest

from storyline.web.server import VIEW_ASSETS, VIEWS, render_pages, static_folder, vendor_files
from test_web import _raw
from web_support import hostile_db, serving, static_without_vendor  # noqa: F401 - fixtures

SCRIPT = b"window.__vendorStandIn = true;\n"


@pytest.fixture(scope="module")
def vendored(hostile_db, tmp_path_factory):  # noqa: F811
    """A server whose vendor/ folder holds the network's script, a stylesheet, the build's manifest
    and a licence, a subfolder, and a link to a file outside."""
    root = tmp_path_factory.mktemp("vendored")
    static = static_without_vendor(root / "static")
    vendor = static / "vendor"
    vendor.mkdir()
    (vendor / "cytoscape.min.js").write_bytes(SCRIPT)
    (vendor / "vis-timeline-graph2d.min.css").write_text(".vis-timeline { color: black; }\n")
    (vendor / "manifest.json").write_text("{}\n")
    (vendor / "cytoscape--LICENSE").write_text("MIT\n")
    (vendor / "sub").mkdir()
    (vendor / "sub" / "inner.js").write_text("inner\n")
    (root / "secret.js").write_text("secret\n")
    (vendor / "linked.js").symlink_to(root / "secret.js")
    with serving(hostile_db, static) as srv:
        yield srv


def test_vendor_files_are_served_with_their_types_and_headers(vendored):
    status, headers, body = _raw(vendored, "GET", "/vendor/cytoscape.min.js")
    assert status == 200 and body == SCRIPT and headers["Content-Type"].startswith("text/javascript")
    assert headers["X-Content-Type-Options"] == "nosniff" and "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, _ = _raw(vendored, "GET", "/vendor/vis-timeline-graph2d.min.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")


@pytest.mark.parametrize("target", [
    "/vendor/", "/vendor", "/vendor/manifest.json", "/vendor/cytoscape--LICENSE", "/vendor/sub/inner.js",
    "/vendor/sub", "/vendor/linked.js", "/vendor/../app.js", "/vendor/%2e%2e/app.js", "/vendor/..%2fapp.js",
    "/vendor/..%2f..%2fsecret.js", "/vendor/../../secret.js", "/vendor//cytoscape.min.js", "/VENDOR/cytoscape.min.js",
    "/vendor/cytoscape.min.js/", "/vendor/cytoscape.min.js%00", "/vendor/.cytoscape.min.js", "/vendor/cytoscape..js",
    "/vendor/missing.js", "/cytoscape.min.js", "/static/vendor/cytoscape.min.js", "/vendor/page.html",
    "/vendor/%5c..%5capp.js", "/vendor/cytoscape.min.js%2f..%2f..%2fsecret.js",
])
def test_nothing_else_is_reachable_through_the_vendor_folder(vendored, target):
    status, _, body = _raw(vendored, "GET", target)
    assert status == 404, target
    assert b"secret" not in body and b"inner" not in body and b"MIT" not in body


def test_a_page_loads_its_libraries_only_when_all_were_built(vendored):
    """The stand-in folder has the network's script but not the timeline's: the network page loads
    it before app.js, the timeline page loads none, the other pages never any."""
    network = _raw(vendored, "GET", "/network.html")[2].decode()
    assert '<script src="/vendor/cytoscape.min.js" defer></script>\n  <script src="/app.js" defer></script>' in network
    for path in ("/timeline.html", "/", "/claims.html"):
        assert "/vendor/" not in _raw(vendored, "GET", path)[2].decode(), path


def test_render_pages_puts_each_views_assets_in_order():
    template = (static_folder() / "page.html").read_text(encoding="utf-8")
    every = frozenset(name for names in VIEW_ASSETS.values() for name in names)
    pages = {view: page.decode() for view, page in render_pages(template, "t", every).items()}
    for view in VIEWS:
        wanted = VIEW_ASSETS.get(view, ())
        found = [line.strip() for line in pages[view].splitlines() if "/vendor/" in line]
        assert found == [f'<link rel="stylesheet" href="/{n}">' if n.endswith(".css")
                         else f'<script src="/{n}" defer></script>' for n in wanted], view
        assert pages[view].index("/app.js") > max((pages[view].index(n) for n in wanted), default=0)
    partial = render_pages(template, "t", every - {"vendor/moment.min.js"})
    assert b"/vendor/" not in partial["timeline"] and b"/vendor/cytoscape.min.js" in partial["network"]


def test_vendor_files_lists_plain_files_by_their_served_names(tmp_path):
    static = tmp_path / "static"
    (static / "vendor" / "sub").mkdir(parents=True)
    (static / "vendor" / "cytoscape.min.js").write_text("x")
    (static / "vendor" / "Bad Name.js").write_text("x")
    (static / "vendor" / "notes.txt").write_text("x")
    (static / "vendor" / "sub" / "x.js").write_text("x")
    (static / "vendor" / "linked.js").symlink_to(static / "vendor" / "cytoscape.min.js")
    assert vendor_files(static) == {"vendor/cytoscape.min.js"}
    assert vendor_files(tmp_path / "nothing") == frozenset()


# -- the build step ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _build_script():
    spec = importlib.util.spec_from_file_location("build_web_vendor", ROOT / "scripts" / "build_web_vendor.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _package(modules: Path, name: str, files: dict[str, str]) -> None:
    folder = modules / name
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, "version": "1.2.3", "license": "MIT"}))
    for inside, text in files.items():
        (folder / inside).parent.mkdir(parents=True, exist_ok=True)
        (folder / inside).write_text(text)


def test_the_build_copies_the_built_files_and_every_licence(tmp_path):
    build = _build_script()
    modules = tmp_path / "node_modules"
    for name in build.LICENSED:
        files = {inside: f"// {name}\n" for inside in build.BUILT.get(name, [])}
        files["LICENSE"] = f"licence of {name}\n"
        if name == "cytoscape":
            files["license-update.mjs"] = "// a script, not a licence\n"
        _package(modules, name, files)
    target = tmp_path / "vendor"
    target.mkdir()
    (target / "stale.js").write_text("from an older build")
    manifest = build.copy(modules, target)
    copied = {p.name for p in target.iterdir()}
    assert "stale.js" not in copied and "cytoscape--license-update.mjs" not in copied
    assert {f"{n.lstrip('@').replace('/', '-')}--LICENSE" for n in build.LICENSED} <= copied
    assert {Path(inside).name for files in build.BUILT.values() for inside in files} <= copied
    assert {n for names in VIEW_ASSETS.values() for n in names} == {f"vendor/{Path(i).name}" for files in build.BUILT.values()
                                                                    for i in files}  # the server loads what is built
    assert json.loads((target / "manifest.json").read_text()) == manifest and manifest["cytoscape"]["version"] == "1.2.3"


def test_the_build_refuses_a_package_without_a_licence(tmp_path):
    build = _build_script()
    modules = tmp_path / "node_modules"
    for name in build.LICENSED:
        _package(modules, name, {inside: "x" for inside in build.BUILT.get(name, [])})
    with pytest.raises(SystemExit, match="ships no licence"):
        build.copy(modules, tmp_path / "vendor")


def test_without_npm_the_build_says_so_and_goes_on(monkeypatch, capsys):
    build = _build_script()
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    monkeypatch.setattr(build, "install", lambda npm: pytest.fail("npm ci without npm"))
    assert build.main([]) == 0
    assert "npm is not installed" in capsys.readouterr().err


def test_the_build_step_runs_in_ci_and_the_readme_and_its_output_is_not_committed():
    step = "python scripts/build_web_vendor.py"
    assert step in (ROOT / ".ci" / "run").read_text()
    first = next(line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("python3 -m venv"))
    assert step in first and first.index("pip install") < first.index(step) < first.index("storyline demo")
    assert "/src/storyline/web/static/vendor/" in (ROOT / ".gitignore").read_text().splitlines()
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())
    assert {"cytoscape", "vis-timeline", "moment", "vis-data"} <= set(lock["packages"][""]["dependencies"])
