# Build with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY openapi.yaml ./
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests

# The build targets 17; the runtime is a current JDK, which spends about half the CPU a signature (docs/benchmarks.md).
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app undersigned
WORKDIR /app
COPY --from=build --chown=undersigned /build/target/quarkus-app/ /app/
USER 10001
# 8080: the API; 9000: health and metrics (the management interface), for the orchestrator only
EXPOSE 8080 9000
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
# Configure with QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD
# and UNDERSIGNED_ADMIN_KEY.
# Every open connection is a file: the service keeps its connection caps below the open-file limit, so the
# container needs a high one (compose sets nofile to 65536; the entrypoint raises the soft limit to the hard).
ENTRYPOINT ["sh", "-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
