"""Perturbations: deterministic transforms of a suite (registered in PERTURBATIONS)."""
