"""werkprincipe-bot: a daily werkprincipe, practice stories and a weekly digest for social-work teams."""
