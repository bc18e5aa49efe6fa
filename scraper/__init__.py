"""Fetching: Scrapy spiders, middlewares and the offline Alaveteli replica."""
