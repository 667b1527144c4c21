"""The communications pages, one module per part: overview (the partnership's page, perception,
budgets, region view, rules), brand and channels, stories and approvals, coverage, calendar."""
