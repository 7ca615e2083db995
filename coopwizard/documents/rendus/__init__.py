"""Renderers: each turns a documents.arbre.Document into one format."""
