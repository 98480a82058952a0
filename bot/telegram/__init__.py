"""The Telegram platform: python-telegram-bot's Application in the shared loop."""
