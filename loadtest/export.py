"""The whole /ordinances.csv, streamed while the load runs, then checked."""

import csv
import threading
import time
import urllib.request


class FullExport(threading.Thread):
    """Stream the unfiltered /ordinances.csv to a file, then check it whole."""

    def __init__(self, url, path):
        super().__init__(daemon=True)
        self.url = url
        self.path = path
        self.error = None
        self.started = self.finished = None
        self.status = self.bytes = 0

    def run(self):
        self.started = time.monotonic()
        try:
            with (
                urllib.request.urlopen(self.url, timeout=600) as response,
                open(self.path, "wb") as out,
            ):
                self.status = response.status
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    self.bytes += len(chunk)
        except Exception as error:  # any failure to stream is the finding
            self.error = repr(error)
        self.finished = time.monotonic()

    def check(self, expected):
        """Return (rows, problems) for the file received."""
        problems = []
        if self.error:
            problems.append(f"stream failed: {self.error}")
        if self.status != 200:
            problems.append(f"status {self.status}")
        rows, width = 0, None
        with open(self.path, "rb") as raw:
            raw.seek(max(0, self.bytes - 2))
            tail = raw.read()
        with open(self.path, encoding="utf-8", newline="") as text:
            reader = csv.reader(text)
            header = next(reader, [])
            width = len(header)
            last = header
            for row in reader:
                rows += 1
                last = row
        if not tail.endswith(b"\n"):
            problems.append(f"last line cut off (ends {tail!r})")
        if len(last) != width:
            problems.append(f"last row has {len(last)} cells, header {width}")
        if rows != expected:
            problems.append(f"{rows:,} rows, database has {expected:,}")
        return rows, problems
