"""A small shop written by several hands from thin tickets."""
