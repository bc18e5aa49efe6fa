"""The stage runners: plain Python that reads from storage, applies the pure rules, writes back.

Each stage is called the same way by the Prefect tasks (``flows/tasks.py``) and by the ``wdtk``
command: ``normalise`` (raw pages → rows, with its parse workers), ``extract`` (attachment
text), ``analyse`` and ``analyse_letters`` (letters, reviews, timeliness), ``quality`` (the
data-quality report), ``export`` (the versioned dataset) and ``summary``. Storage is ``db``'s,
rules are ``pipeline``'s; ``db`` imports nothing from here.
"""
