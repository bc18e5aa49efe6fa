"""How authorities word their letters: phrase families the replica combines at random.

The families are written for the replica (from how FOI letters are structured and what the
law requires them to say), never copied from real letters. ``cite`` renders every provision a
letter names and records it, so a letter's labels list exactly the provisions in its words.
"""
