"""Repositories: the queries the core asks for, one class per aggregate."""
