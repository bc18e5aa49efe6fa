"""Orchestration: Prefect flows, deployments and the wdtk command line."""
