"""The WDTK spiders: authorities, discover, threads, attachments (``scrapy list``)."""
