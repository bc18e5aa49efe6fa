"""Alaveteli's ``public/robots.txt`` (as of commit e53dc8b16, 2025-10-07), one rule a line."""

ROBOTS_TXT = """# See http://www.robotstxt.org/robotstxt.html for documentation on how to use the robots.txt file
User-agent: *
Disallow: */annotate/*
Disallow: */new/*
Disallow: */search/*
Disallow: */similar/*
Disallow: */track/*
Disallow: */upload/*
Disallow: */user/contact/*
Disallow: */feed/*
Disallow: */profile/*
Disallow: */signin*
Disallow: */tor*
Allow: */request/*/response/*/attach/*
Disallow: */request/*/response/*
Disallow: */request/*/download*
Disallow: */change_request/*
Disallow: */outgoing_messages/*/mail_server_logs*
Disallow: */outgoing_messages/*/delivery_status*
Disallow: *?*update_status=1*
Disallow: */request/*/annotate
Disallow: */request/*/feed
Disallow: */request/*/followups/new
Disallow: */request/*/similar
Disallow: */request/*/track
Disallow: */request/*/upload
Disallow: */_replica/*
"""
