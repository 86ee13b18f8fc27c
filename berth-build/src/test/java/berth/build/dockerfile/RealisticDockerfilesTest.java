package berth.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole Dockerfiles as people write them, parsed end to end. */
class RealisticDockerfilesTest {
    @Test
    void goServiceWithBuildAndRuntimeStages() {
        String text = """
                # syntax=docker/dockerfile:1
                ARG GO_VERSION=1.22

                FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
                WORKDIR /src
                # dependencies first, for the cache
                COPY go.mod go.sum ./
                RUN go mod download
                COPY . .
                RUN CGO_ENABLED=0 go build \\
                      # strip symbols
                      -ldflags="-s -w" \\
                      -o /out/server ./cmd/server

                FROM alpine:3.19
                RUN addgroup -S app && adduser -S app -G app
                COPY --from=build --chown=app:app /out/server /usr/local/bin/server
                USER app
                EXPOSE 8080
                HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:8080/health || exit 1
                ENTRYPOINT ["/usr/local/bin/server"]
                CMD ["--port", "8080"]
                """;
        Dockerfile df = DockerfileParser.parse(text);
        assertThat(df.syntax()).contains("docker/dockerfile:1");
        assertThat(df.instructions()).extracting(Instruction::keyword).containsExactly(
                "ARG", "FROM", "WORKDIR", "COPY", "RUN", "COPY", "RUN", "FROM", "RUN", "COPY", "USER", "EXPOSE",
                "HEALTHCHECK", "ENTRYPOINT", "CMD");
        RunInstruction build = (RunInstruction) df.instructions().get(6);
        assertThat(build.location().startLine()).isEqualTo(10);
        assertThat(build.location().endLine()).isEqualTo(13);
        assertThat(build.shellText()).isEqualTo("CGO_ENABLED=0 go build       -ldflags=\"-s -w\"       -o /out/server ./cmd/server");

        BuildStages stages = BuildStages.of(df);
        assertThat(stages.stages()).hasSize(2);
        Substitution sub = df.substitution();
        FromInstruction from = stages.stages().get(0).from().expand(sub.expander(stages.globalScope(Map.of("BUILDPLATFORM", "linux/amd64"), sub)));
        assertThat(from.image()).isEqualTo("golang:1.22-alpine");
        assertThat(from.platform()).contains("");
        CopyInstruction copy = (CopyInstruction) stages.last().instructions().get(1);
        assertThat(stages.stageFor(copy.from().orElseThrow(), stages.last(), copy.location().startLine()))
                .contains(stages.stages().getFirst());
        HealthcheckInstruction hc = (HealthcheckInstruction) stages.last().instructions().get(4);
        assertThat(hc.interval()).contains(Duration.ofSeconds(30));
        assertThat(((CmdInstruction) df.instructions().getLast()).command()).isEqualTo(new CommandLine.Exec(List.of("--port", "8080")));
    }

    @Test
    void pythonAppWithHeredocsEnvAndLabels() {
        String text = """
                FROM python:3.12-slim AS base
                LABEL org.opencontainers.image.title="demo app" \\
                      org.opencontainers.image.version=$VERSION
                ENV PYTHONDONTWRITEBYTECODE=1 \\
                    APP_HOME=/srv/app
                ARG VERSION=dev
                WORKDIR $APP_HOME
                RUN <<EOF
                set -e
                pip install --no-cache-dir flask
                EOF
                COPY <<-"EOF" /etc/app.conf
                	name = ${APP_HOME}
                	EOF
                COPY --chmod=0644 app.py .
                VOLUME ["/srv/app/data"]
                STOPSIGNAL SIGINT
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                ONBUILD COPY . /srv/app/
                CMD python app.py
                """;
        Dockerfile df = DockerfileParser.parse(text);
        List<Instruction> all = df.instructions();
        assertThat(all).extracting(Instruction::keyword).containsExactly("FROM", "LABEL", "ENV", "ARG", "WORKDIR", "RUN",
                "COPY", "COPY", "VOLUME", "STOPSIGNAL", "SHELL", "ONBUILD", "CMD");
        Expander scope = df.substitution().expander(Map.of("VERSION", "1.0", "APP_HOME", "/srv/app"));
        assertThat(((LabelInstruction) all.get(1)).expand(scope).pairs()).containsExactly(
                new KeyValue("org.opencontainers.image.title", "demo app"),
                new KeyValue("org.opencontainers.image.version", "1.0"));
        assertThat(((EnvInstruction) all.get(2)).pairs()).extracting(KeyValue::key).containsExactly("PYTHONDONTWRITEBYTECODE", "APP_HOME");
        assertThat(((WorkdirInstruction) all.get(4)).expand(scope).path()).isEqualTo("/srv/app");
        RunInstruction run = (RunInstruction) all.get(5);
        assertThat(run.scriptHeredoc()).isPresent();
        assertThat(run.shellText()).isEqualTo("set -e\npip install --no-cache-dir flask\n");
        CopyInstruction conf = ((CopyInstruction) all.get(6)).expand(scope);
        assertThat(conf.heredocs()).containsExactly(new Heredoc("EOF", "name = ${APP_HOME}\n", false, true));
        assertThat(conf.location().startLine()).isEqualTo(12);
        assertThat(conf.location().endLine()).isEqualTo(14);
        assertThat(all.get(7).location().startLine()).isEqualTo(15);
        assertThat(((OnbuildInstruction) all.get(11)).expression()).isEqualTo("COPY . /srv/app/");
        assertThat(df.notes()).isEmpty();
    }

    @Test
    void windowsStyleDockerfileWithBacktickEscape() {
        String text = """
                # escape=`

                FROM mcr.microsoft.com/windows/servercore:ltsc2022
                SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
                COPY scripts\\ C:\\scripts\\
                RUN New-Item -ItemType Directory C:\\Example; `
                    Write-Host done
                ENV TARGET=C:\\Example `
                    MODE=prod
                WORKDIR C:\\Example
                """;
        Dockerfile df = DockerfileParser.parse(text);
        assertThat(df.escape()).isEqualTo('`');
        List<Instruction> all = df.instructions();
        assertThat(((CopyInstruction) all.get(2)).sources()).containsExactly("scripts\\");
        assertThat(((CopyInstruction) all.get(2)).destination()).isEqualTo("C:\\scripts\\");
        assertThat(((RunInstruction) all.get(3)).shellText()).isEqualTo("New-Item -ItemType Directory C:\\Example;     Write-Host done");
        Expander scope = df.substitution().expander(Map.of());
        assertThat(((EnvInstruction) all.get(4)).expand(scope).pairs())
                .containsExactly(new KeyValue("TARGET", "C:\\Example"), new KeyValue("MODE", "prod"));
        assertThat(((WorkdirInstruction) all.get(5)).expand(scope).path()).isEqualTo("C:\\Example");
    }
}
