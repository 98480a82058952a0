"""Renderings of what the core compiles: the digest as Markdown, HTML and a chart.

Platform renderings (Block Kit, Telegram HTML) live with their adapter and build on the same
outline (`bot.render.digest.outline`).
"""
