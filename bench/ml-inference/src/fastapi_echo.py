# The seed's own stack without a model: FastAPI + uvicorn JSON echo (run with /usr/bin/python3).
from fastapi import FastAPI

app = FastAPI()


@app.post("/echo")
async def echo(body: dict):
    return body
