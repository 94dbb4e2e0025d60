"""Build the web UI's front-end libraries: `python scripts/build_web_vendor.py`.

The network view draws with cytoscape.js and the timeline with vis-timeline (with moment and
vis-data, which it needs), all from the npm registry. This installs them exactly as web/package-lock.json pins them (`npm ci`, no install
scripts: web/.npmrc) and copies their built files and licences into
src/storyline/web/static/vendor/, with a manifest.json naming each file's package and version.
That folder is built, never committed (.gitignore), so the repository holds only what the
project writes; a wheel or sdist built after this step carries it as package data.

Without npm it says so and exits 0: the UI then keeps its plain views (a drawn network and a list
of events) and says on those pages that the interactive ones need this step. A failing `npm ci`
exits 1.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
VENDOR = ROOT / "src" / "storyline" / "web" / "static" / "vendor"

# The files the pages load, by package (paths inside the package). vis-timeline's "peer" build, with
# moment and vis-data as their own files: its "standalone" build bundles them too but adds its CSS
# as <style> elements when it loads, which the UI's Content-Security-Policy (style-src 'self')
# refuses; the peer build leaves the CSS to the stylesheet it ships.
BUILT = {
    "cytoscape": ["dist/cytoscape.min.js"],
    "moment": ["min/moment.min.js"],
    "vis-data": ["standalone/umd/vis-data.min.js"],
    "vis-timeline": ["peer/umd/vis-timeline-graph2d.min.js", "styles/vis-timeline-graph2d.min.css"],
}
# Whose code is in those files: the four packages, and what vis-data's standalone and vis-timeline's
# peer builds bundle (the rest of vis-timeline's peer dependencies and xss's cssfilter; not
# commander, xss's command line, nor type files).
LICENSED = ["cytoscape", "vis-timeline", "vis-data", "vis-util", "moment", "@egjs/hammerjs", "propagating-hammerjs",
            "keycharm", "component-emitter", "uuid", "xss", "cssfilter"]
_LICENCE_NAMES = ("license", "licence", "copying")
_CODE = {".js", ".mjs", ".cjs", ".ts", ".json"}  # cytoscape ships a license-update.mjs script


def licence_files(package: Path) -> list[Path]:
    return sorted(p for p in package.iterdir()
                  if p.is_file() and p.name.lower().startswith(_LICENCE_NAMES) and p.suffix.lower() not in _CODE)


def install(npm: str) -> None:
    """npm ci in web/: the exact versions of package-lock.json, its integrity hashes checked."""
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=WEB, check=True)


def copy(modules: Path, target: Path) -> dict:
    """Copy the built files and every licence into `target` (emptied first); return the manifest."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    manifest = {}
    for name in LICENSED:
        package = modules / name
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        flat = name.lstrip("@").replace("/", "-")
        licences = []
        for path in licence_files(package):
            shutil.copyfile(path, target / f"{flat}--{path.name}")
            licences.append(f"{flat}--{path.name}")
        if not licences:
            raise SystemExit(f"build_web_vendor: {name} ships no licence file; look at {package} before bundling it")
        files = []
        for inside in BUILT.get(name, []):
            shutil.copyfile(package / inside, target / Path(inside).name)
            files.append(Path(inside).name)
        manifest[name] = {"version": meta["version"], "license": meta.get("license"), "files": files,
                          "licence_files": licences}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-install", action="store_true",
                        help="copy from web/node_modules as it is, without running npm ci")
    args = parser.parse_args(argv)
    if not args.no_install:
        npm = shutil.which("npm")
        if npm is None:
            print("build_web_vendor: npm is not installed, so the web UI keeps its plain network and timeline; "
                  "install Node.js and npm (apt-get install npm), then run python scripts/build_web_vendor.py",
                  file=sys.stderr)
            return 0
        try:
            install(npm)
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"build_web_vendor: npm ci failed ({exc}); the web UI keeps its plain views. Check that the npm "
                  "registry is reachable and run this again", file=sys.stderr)
            return 1
    manifest = copy(WEB / "node_modules", VENDOR)
    built = ", ".join(f"{name} {m['version']}" for name, m in manifest.items() if m["files"])
    print(f"build_web_vendor: {built} and the licences of the {len(manifest)} packages in them, "
          f"in {VENDOR.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
