"""The machinery no lesson is about, by job:

- `jobs/`: trainings submitted to a backend (this process, or a Ray cluster), watched and stopped;
- `training/`: the training loop and its compute variants, chosen per CPU;
- `models/`: `.keras` files, their checks, and the ways a network is held (NumPy copy, ...);
- `cli/`: what the chapters' command lines share;
- `runtime/`: thread priority and memory of the process that trains;
- `progress.py`: the snapshots a training reports; `settings.py`: config fields with limits.
"""
