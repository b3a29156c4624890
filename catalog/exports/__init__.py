"""The record in standard exchange formats: citation files, TEI P5 and W3C Web Annotations."""
