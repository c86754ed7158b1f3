"""The class board: runs students share, the Class page, and drawing for a classmate."""
