"""The Slack platform: slack-bolt AsyncApp, HTTP mode or Socket Mode."""
