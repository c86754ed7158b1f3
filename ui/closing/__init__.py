"""The closing page's pieces: how sure a network is about things that are not digits."""
