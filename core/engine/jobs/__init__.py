"""Trainings as jobs: submitted to a backend, watched through snapshots, stopped, collected.

`base` holds what every backend and caller shares (the job's protocol, `TrainingFailed`,
a flow's `last_step`); `in_process` runs jobs in threads of this process behind the server's
queue (`slots`); `worker_pool` in worker processes; the `ray_*` modules on a Ray cluster;
`default` picks the process's one backend from WORKSHOP_RAY_ADDRESS.
"""
