"""`course collect`: a small HTTP service the quiz pages submit answer files to.

Modules, from the edge inwards:
- `commands`: the `course collect` subcommand (reads the course, opens the gradebook, runs
  uvicorn);
- `app`: the Starlette application: routes, the JSON error shape, CORS, the trainer's token;
- `intake`: one submission graded through the desk's one-file path (`desk.batch.grade_received`)
  and its outcome named by a stable error code;
- `limits`: request bodies read within a size and a time limit; rate limits per address and per
  learner;
- `logs`: one JSON line per request, without access codes or answers.

Stateless: everything a process knows that matters is in the gradebook, so several processes
behind one proxy on one PostgreSQL database agree (rate limits are per process).
"""
