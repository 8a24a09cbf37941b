"""Pain points register (METHOD.md section 4)."""
