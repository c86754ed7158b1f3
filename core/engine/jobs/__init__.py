"""Trainings as jobs: submitted to a backend, watched through snapshots, stopped, collected.

`base` holds what every backend and caller shares (the job's protocol, `TrainingFailed`,
`FinishLater`, flows named by "package.module:function"); `in_process` runs jobs in threads
of this process behind the server's queue (`slots`); the `ray_*` modules run them on a Ray
cluster; `default` picks the process's one backend from WORKSHOP_RAY_ADDRESS.
"""
