"""The OCR engine: PP-OCR's text detection and recognition models, bundled in a package.

A scanned page (``app/text/ocr.py``) is read by the models the ``rapidocr``
wheel carries inside it (PP-OCRv6 small: a detector that finds the text
lines, a recogniser that reads one line at a time; Apache-2.0, as is the
package), run by onnxruntime on the CPU.  Nothing is downloaded: the model
files are opened by their path inside the installed package, never through
rapidocr's own configuration, which would fetch a model it lacks.

rapidocr gives the pieces (the detector's pre- and post-processing, the
crop of a slanted line); the recognition is run here, because a proofreader
needs what rapidocr's own pipeline does not keep together: every character
of a line with its place and its own confidence, in step with the text, and
a line of low confidence kept (rapidocr drops it) so that it is *marked*,
not silently missing.  The lines of a page are recognised in batches spread
over the cores, and a cancel check runs between batches.

Sizes: a 300-dpi A4 page is detected at :data:`DETECT_SIDE` pixels on its
long side (the text lines are found as well at that size, three times
faster), and each line is cut from the full-resolution page for the
recogniser, which reads a line 48 pixels high.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from app.cancel import CancelCheck, poll

DETECT_SIDE = 1280
"""Pixels on the long side of the page the detector looks at (a 300-dpi A4 page's lines are
all found at 1,000; 1,600 costs twice the time)."""

BATCH = 1
"""Lines recognised in one call: measured, one at a time costs least (a batch pads every
line to its widest, and the cores are used by running lines side by side instead)."""

_MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx")
_REC_HEIGHT = 48


@dataclass(frozen=True)
class Glyph:
    """One character read on a line: its place across the line and its confidence."""

    char: str
    centre: float
    """Where its middle is, as a fraction of the line's length (0 at the line's start)."""
    confidence: float


@dataclass(frozen=True)
class TextLine:
    """A text line found on the page (pixels of the page image) and what it reads."""

    quad: tuple[tuple[float, float], ...]
    """The four corners: top left, top right, bottom right, bottom left (as read)."""
    glyphs: tuple[Glyph, ...]


class EngineError(Exception):
    """The models could not be loaded (a broken installation): said in one line."""


def engine_id() -> str:
    """What the cached readings of a page depend on: the package and its models."""
    try:
        return f"rapidocr-{version('rapidocr')}-{'+'.join(m.split('.')[0] for m in _MODELS)}"
    except PackageNotFoundError:
        return "rapidocr-missing"


def model_paths() -> tuple[Path, Path]:
    """The detector and the recogniser inside the installed ``rapidocr`` package."""
    spec = _module("rapidocr").__file__
    folder = Path(spec).parent / "models"
    det, rec = (folder / name for name in _MODELS)
    for path in (det, rec):
        if not path.is_file():
            raise EngineError(f"the OCR model {path.name} is not installed ({folder})")
    return det, rec


def _module(name: str) -> Any:
    """Heavy modules, imported when a scan is first read (start-up stays light)."""
    return import_module(name)


def _onnxruntime() -> Any:
    """onnxruntime with its telemetry off.  Since 1.32 it has Microsoft's 1DS telemetry
    on every system: imported as it is, it writes a device id and an event store under the
    user's cache folder and may send events to Microsoft; a proofreader's manuscripts and
    their use are nobody else's business, and Jiaokan never touches the network.  The
    switch is read when the library loads, so it is set before the import."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    ort = _module("onnxruntime")
    disable = getattr(ort, "disable_telemetry_events", None)
    if disable is not None:
        disable()
    return ort


class Engine:
    """The two models in onnxruntime sessions of one thread each; the cores are used by
    recognising several batches at once.  Safe to share between threads."""

    def __init__(self) -> None:
        ort = _onnxruntime()
        det, rec = model_paths()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # a thread that spins waiting for work burns a shared core for nothing
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.enable_cpu_mem_arena = False
        options.log_severity_level = 4
        providers = ["CPUExecutionProvider"]
        try:
            self._det = ort.InferenceSession(str(det), options, providers=providers)
            self._rec = ort.InferenceSession(str(rec), options, providers=providers)
        except Exception as exc:  # onnxruntime's own errors: a broken model file
            raise EngineError(f"the OCR models cannot be loaded: {exc}") from None
        meta = self._rec.get_modelmeta().custom_metadata_map
        if "character" not in meta:
            raise EngineError("the OCR recogniser carries no character list")
        # index 0 is CTC's blank; the space is the last class, as PaddleOCR trains it
        self._chars = ["", *meta["character"].splitlines(), " "]
        utils = _module("rapidocr.ch_ppocr_det.utils")
        self._pre = utils.DetPreProcess(736, "min", [0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
        self._post = utils.DBPostProcess(
            thresh=0.3, box_thresh=0.5, max_candidates=1000, unclip_ratio=1.6,
            score_mode="fast", use_dilation=True,
        )  # fmt: skip
        self._crop = _module("rapidocr.utils.process_img").get_rotate_crop_image
        self._cv2 = _module("cv2")
        self._np = _module("numpy")

    # -- a page ------------------------------------------------------------------------

    def read(
        self,
        image: Any,
        cancel: CancelCheck | None = None,
        progress: Callable[[float], None] | None = None,
        pool: ThreadPoolExecutor | None = None,
    ) -> list[TextLine]:
        """The text lines of ``image`` (a BGR ``uint8`` array, H × W × 3, as the models were
        trained on), top first.

        ``progress`` hears the fraction of the page done; ``pool`` runs the
        recognition batches (one each at a time without it).
        """
        quads = self.detect(image)
        poll(cancel)
        if progress is not None:
            progress(0.25)
        crops = [self._crop(image, quad.copy()) for quad in quads]
        order = sorted(range(len(crops)), key=lambda k: crops[k].shape[1] / crops[k].shape[0])
        batches = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
        done = [0]
        lock = threading.Lock()

        def run(batch: list[int]) -> list[tuple[int, tuple[Glyph, ...]]]:
            poll(cancel)
            out = list(zip(batch, self.recognise([crops[k] for k in batch]), strict=True))
            with lock:
                done[0] += 1
                if progress is not None:
                    progress(0.25 + 0.75 * done[0] / len(batches))
            return out

        results = list(pool.map(run, batches)) if pool is not None else [run(b) for b in batches]
        glyphs: dict[int, tuple[Glyph, ...]] = {k: g for part in results for k, g in part}
        return [
            TextLine(tuple((float(x), float(y)) for x, y in quads[k]), glyphs[k])
            for k in range(len(quads))
            if glyphs[k]
        ]

    def detect(self, image: Any) -> list[Any]:
        """The text lines' corners (float32, 4 × 2, pixels of ``image``), top first."""
        np, cv2 = self._np, self._cv2
        height, width = image.shape[:2]
        scale = min(1.0, DETECT_SIDE / max(height, width))
        small = image
        if scale < 1.0:
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        tensor = self._pre(small)
        if tensor is None:
            return []
        (pred,) = self._det.run(None, {self._det.get_inputs()[0].name: tensor})
        boxes, _scores = self._post(pred, small.shape[:2])
        quads = [np.asarray(box, dtype=np.float32) / scale for box in boxes]
        # top first, then left to right along a row (the reading order is worked out again
        # from the characters: this only keeps a page's lines in a stable order)
        quads.sort(key=lambda q: (round(float(q[:, 1].min()) / 10), float(q[:, 0].min())))
        return quads

    def recognise(self, crops: list[Any]) -> list[tuple[Glyph, ...]]:
        """What each line image reads, every character with its place and confidence."""
        np, cv2 = self._np, self._cv2
        ratios = [crop.shape[1] / crop.shape[0] for crop in crops]
        widest = max(320 / _REC_HEIGHT, *ratios)
        width = int(_REC_HEIGHT * widest)
        batch = np.zeros((len(crops), 3, _REC_HEIGHT, width), dtype=np.float32)
        shown: list[int] = []
        for k, crop in enumerate(crops):
            resized = min(width, math.ceil(_REC_HEIGHT * ratios[k]))
            pixels = cv2.resize(crop, (resized, _REC_HEIGHT)).astype(np.float32)
            batch[k, :, :, :resized] = pixels.transpose((2, 0, 1)) / 127.5 - 1.0
            shown.append(resized)
        (pred,) = self._rec.run(None, {self._rec.get_inputs()[0].name: batch})
        best = pred.argmax(axis=2)
        probability = pred.max(axis=2)
        steps = pred.shape[1]
        out: list[tuple[Glyph, ...]] = []
        for k in range(len(crops)):
            glyphs: list[Glyph] = []
            previous = 0
            for t in range(steps):
                index = int(best[k, t])
                if index != 0 and index != previous and index < len(self._chars):
                    # the middle of the step, as a fraction of the line's own pixels
                    centre = (t + 0.5) * width / steps / shown[k]
                    glyphs.append(
                        Glyph(self._chars[index], min(centre, 1.0), float(probability[k, t]))
                    )
                previous = index
            out.append(tuple(glyphs))
        return out


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def engine() -> Engine:
    """The process's one engine, loaded on first use (two seconds: the models)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = Engine()
        return _ENGINE


@cache
def workers() -> int:
    """Recognition batches run at once: one per core."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2))
