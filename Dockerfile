FROM node:20-bookworm-slim AS client
WORKDIR /client
COPY src/Engagement/Web/client/package.json src/Engagement/Web/client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/Engagement/Web/client/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=client /client/dist src/Engagement/Web/client/dist
# Wolverine's handlers and endpoints are generated here and compiled in: the service loads them as they are, with no
# compiler at start-up, and every assembly is compiled ahead of time (ReadyToRun), so start-up compiles nothing. Code
# generation reads the configuration only; it does not connect to the database.
RUN ConnectionStrings__Engagement="Host=localhost;Database=codegen" \
      dotnet run --project src/Engagement -c Release -p:ClientPrebuilt=true -- codegen write \
 && dotnet publish src/Engagement/Engagement.csproj -c Release -o /app -p:ClientPrebuilt=true \
      -r linux-x64 --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    Engagement__CodeGeneration=Static
EXPOSE 5080
# The image's unprivileged user (uid 1654); the service needs no write access to its folder.
USER app
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Engagement.dll"]
