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
RUN dotnet publish src/Engagement/Engagement.csproj -c Release -o /app -p:ClientPrebuilt=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "Engagement.dll"]
