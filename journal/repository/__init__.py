"""Every query the app runs, by table. Functions take an open sqlite3 connection and return plain
records (journal.records); SQL lives nowhere else."""
