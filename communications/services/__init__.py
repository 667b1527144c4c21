"""What changes communications records, one module per part: stories (the pipeline and its
approvals) and records (brand, channels, coverage, calendar, publicity budgets)."""
