"""The editorial groups, created by migration 0003; their names are referred to in code."""

EDITORS = "Editors"
EDITORS_IN_CHIEF = "Editors-in-chief"
#: the permission that separates publishing from writing
PUBLISH_PERMISSION = "catalog.publish_annotation"
