"""The digest's chart: stories per principle over the last eight weeks, as a PNG.

matplotlib lives here, outside the core. A chart takes 0.2–0.75 s of pure Python, and a thread
would still hold the interpreter long enough to stall the event loop for up to 0.3 s (make bench,
digest chart row): the running bot renders charts in a worker process (`chart_png`).
"""

import asyncio
import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.core.content import Messages
from bot.core.digest import Digest


def render_chart(digest: Digest, messages: Messages) -> bytes:
    """PNG: stories per principle over the last eight weeks, stacked per week."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    lang = digest.language
    weeks = [week for week, _ in digest.history]
    principle_ids = sorted({pid for _, counts in digest.history for pid in counts})
    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.subplots()
    bottoms = [0] * len(weeks)
    for principle_id in principle_ids:
        heights = [counts.get(principle_id, 0) for _, counts in digest.history]
        label = digest.labels.get(principle_id) or messages.render(lang, "digest.untagged")
        axes.bar(weeks, heights, bottom=bottoms, label=label)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_title(messages.render(lang, "digest.chart_title"))
    axes.set_ylabel(messages.render(lang, "digest.chart_axis"))
    axes.tick_params(axis="x", labelrotation=30)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if principle_ids:
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


_workers: ProcessPoolExecutor | None = None


async def chart_png(digest: Digest, messages: Messages) -> bytes:
    """`render_chart` in a worker process, so the event loop keeps its turns. One worker, started
    on first use with a fresh interpreter ("spawn": the bot's threads are not forked along)."""
    global _workers
    try:
        return await _in_worker(digest, messages)
    except BrokenProcessPool:
        # The worker died (killed, out of memory): a new one, once.
        _workers = None
        return await _in_worker(digest, messages)


async def _in_worker(digest: Digest, messages: Messages) -> bytes:
    global _workers
    if _workers is None:
        _workers = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return await asyncio.get_running_loop().run_in_executor(_workers, render_chart, digest, messages)


def close_chart_workers() -> None:
    """Stop the chart worker (the runtime's shutdown)."""
    global _workers
    if _workers is not None:
        _workers.shutdown(wait=False, cancel_futures=True)
        _workers = None
