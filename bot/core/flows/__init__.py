"""What happens for each command and button: one module per flow, each turning a `Request` into
replies. `bot.core.bot` routes to them."""
