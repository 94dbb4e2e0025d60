"""`python -m storyline.models`: record the sha256 of every model file in SHA256SUMS (after a
training script in scripts/ rebuilt one)."""
from storyline.models import write_manifest

print(write_manifest(), end="")
