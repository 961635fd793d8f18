"""WASM a page downloads, per page, from a split release build.

Every page loads the main bundle; a page behind a lazy route (app/src/ui/routes.rs)
also loads its own chunk and the shared chunks the split manifest lists for it.
Sizes are per file, as they are served: raw, gzip -9 and brotli -q 11.
Usage: python3 .ci/wasm_size.py target/site/pkg [--budget KB]
"""
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path


def sizes(path: Path, cache: dict) -> tuple:
    if path not in cache:
        data = path.read_bytes()
        br = subprocess.run(["brotli", "-c", "-q", "11", str(path)], capture_output=True, check=True).stdout
        cache[path] = (len(data), len(gzip.compress(data, 9)), len(br))
    return cache[path]


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> int:
    pkg = Path(sys.argv[1])
    budget = int(sys.argv[sys.argv.index("--budget") + 1]) if "--budget" in sys.argv else None
    cache: dict = {}
    main_wasm = pkg / "dangbo.wasm"
    base = sizes(main_wasm, cache)
    manifest_file = pkg / "__wasm_split_manifest.json"
    manifest = json.loads(manifest_file.read_text()) if manifest_file.exists() else {}
    rows = [("main bundle (every page)", base, 0)]
    for split, chunks in sorted(manifest.items()):
        m = re.match(r"__(\w+?)_route_view_\d+$", split)
        if not m:
            continue
        total = list(base)
        for chunk in chunks:
            for i, v in enumerate(sizes(pkg / f"{chunk}.wasm", cache)):
                total[i] += v
        rows.append((f"{m.group(1)} page (main + {len(chunks)} chunks)", tuple(total), len(chunks)))
    print(f"{'WASM a page loads':44} {'raw':>10} {'gzip':>10} {'brotli':>10}")
    worst = 0
    for name, (raw, gz, br), _ in rows:
        worst = max(worst, br)
        print(f"{name:44} {kb(raw):>10} {kb(gz):>10} {kb(br):>10}")
    every = sum(v[2] for v in cache.values())
    print(f"{'all WASM files together':44} {'':>10} {'':>10} {kb(every):>10}")
    if budget is not None:
        verdict = "within" if worst <= budget * 1024 else "OVER"
        print(f"largest page: {kb(worst)} brotli, {verdict} the budget of {budget} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
