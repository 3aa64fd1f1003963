namespace Engagement.Imports;

public enum ImportKind { Organizations, People, Meetings }

public enum ImportStatus { Previewed, Committing, Committed, Failed }

/// <summary>What is wrong with one cell: <c>row</c> as a spreadsheet numbers it (the header is row 1).</summary>
public sealed record RowError(int Row, string Column, IReadOnlyList<string> Messages);

/// <summary>
/// One uploaded file, from its preview to its commit. The file itself is kept apart (<see cref="ImportFile"/>), so that
/// the commit checks it again against what is recorded by then. <see cref="Processed"/> counts the rows written so far while it is committing.
/// </summary>
public sealed record ImportBatch(Guid Id, ImportKind Kind, string? FileName, string UploadedBy, DateTimeOffset UploadedAt,
    ImportStatus Status, int Rows, int ToCreate, int Matched, IReadOnlyList<RowError> Errors, int ErrorCount, int Processed = 0,
    int Created = 0, string? CommittedBy = null, string? CorrelationId = null, DateTimeOffset? CommittedAt = null,
    DateTimeOffset? CompletedAt = null, string? Failure = null)
{
    /// <summary>At most this many row errors are kept and shown; <see cref="ErrorCount"/> counts them all.</summary>
    public const int ErrorsShown = 500;

    public ImportAnswer ToAnswer() => new(Id, Kind, FileName, Status, Rows, ToCreate, Matched, ErrorCount, Errors, Processed, Created,
        UploadedBy, UploadedAt, CommittedBy, CommittedAt, CompletedAt, Failure);
}

/// <summary>An import as the API shows it (without the file).</summary>
public sealed record ImportAnswer(Guid Id, ImportKind Kind, string? FileName, ImportStatus Status, int Rows, int ToCreate, int Matched,
    int ErrorCount, IReadOnlyList<RowError> Errors, int Processed, int Created, string UploadedBy, DateTimeOffset UploadedAt,
    string? CommittedBy, DateTimeOffset? CommittedAt, DateTimeOffset? CompletedAt, string? Failure);

/// <summary>A record an import created or matched, under the <c>externalId</c> its file gave it: <c>{kind}:{externalId}</c>.</summary>
public sealed record ImportedRecord(string Id, Guid StreamId, Guid ImportId);

/// <summary>The text of an uploaded file, under its import's id.</summary>
public sealed record ImportFile(Guid Id, string Csv);
