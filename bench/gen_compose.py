#!/usr/bin/env python3
"""gen_compose.py N [OUT] - writes a synthetic Compose file with N services.

Deterministic (the same N gives the same bytes) and shaped like real files:
every service has an image, ports, environment, volumes, deploy resources and
a healthcheck; some have depends_on, secrets, logging and labels, and the file
ends with the named volumes, networks and secrets the services use.  About
580 bytes per service, so 20,000 services make a file of about 11.7 MB.
"""
import sys

IMAGES = ["nginx:1.25-alpine", "redis:7.2", "postgres:16", "python:3.12-slim",
          "node:20-bookworm", "public.ecr.aws/docker/library/httpd:2.4",
          "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1.4.2"]
CPUS = ["0.25", "0.5", "1", "2"]
MEMS = ["512M", "1G", "2G", "4G"]


def service(i, out):
    name = "svc%05d" % i
    w = out.append
    w("  %s:\n" % name)
    w("    image: %s\n" % IMAGES[i % len(IMAGES)])
    w("    ports:\n")
    w("      - \"%d:80\"\n" % (10000 + i % 50000))
    if i % 6 == 0:
        w("      - target: 443\n        published: \"%d\"\n        protocol: tcp\n" % (20000 + i % 40000))
    w("    environment:\n")
    w("      SERVICE_NAME: %s\n" % name)
    w("      LOG_LEVEL: %s\n" % ("debug" if i % 5 == 0 else "info"))
    w("      DATABASE_URL: \"postgres://db%d/app\"\n" % (i % 7))
    w("    volumes:\n")
    w("      - data%d:/var/lib/app\n" % (i % 16))
    w("      - ./config/%s.conf:/etc/app/app.conf:ro\n" % name)
    w("    deploy:\n")
    w("      replicas: %d\n" % (1 + i % 3))
    w("      resources:\n")
    w("        limits:\n          cpus: \"%s\"\n          memory: %s\n" % (CPUS[i % 4], MEMS[i % 4]))
    w("    healthcheck:\n")
    w("      test: [\"CMD-SHELL\", \"curl -fsS http://localhost/health || exit 1\"]\n")
    w("      interval: 30s\n      timeout: 5s\n      retries: 3\n")
    if i % 4 == 1:
        w("    depends_on:\n      - svc%05d\n" % (i - 1))
    if i % 10 == 2:
        w("    secrets:\n      - api_key\n")
    if i % 8 == 3:
        w("    logging:\n      driver: awslogs\n      options:\n        awslogs-group: /ecs/%s\n" % name)
    if i % 6 == 4:
        w("    labels:\n      com.example.team: team%d\n" % (i % 12))
    if i % 2:
        w("    networks:\n      - front\n")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen_compose.py N [OUT]")
    n = int(sys.argv[1])
    out = ["name: bench\n", "services:\n"]
    for i in range(n):
        service(i, out)
    out.append("volumes:\n")
    for v in range(min(n, 16)):
        out.append("  data%d: {}\n" % v)
    out.append("networks:\n  front: {}\n")
    out.append("secrets:\n  api_key:\n    file: ./api_key.txt\n")
    text = "".join(out)
    if len(sys.argv) == 3:
        with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
