"""The roadmap page: the generator's proposal, adjusted by the consultant before the client sees it."""
