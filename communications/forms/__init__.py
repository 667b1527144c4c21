"""The communications forms, one module per part, as the services."""
