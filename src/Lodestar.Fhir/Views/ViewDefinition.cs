
using System.Text.Json;
using Lodestar.Fhir.FhirPath;
using Lodestar.Fhir.Views.Compiled;

namespace Lodestar.Fhir.Views;

/// <summary>
/// A compiled SQL on FHIR v2 ViewDefinition: its columns and a way to turn one resource into rows.
/// Compile once (<see cref="Load"/>, <see cref="Parse(JsonElement, string)"/>), then call
/// <see cref="Evaluate"/> from any number of threads; every FHIRPath was parsed at compile time.
/// </summary>
public sealed class ViewDefinition
{
    // One runner per thread: a runner is not thread-safe, and taking one from a shared pool per resource contended.
    private readonly ThreadLocal<ViewRunner> runners;
    private readonly ThreadLocal<CompiledRunner>? compiledRunners;

    internal ViewDefinition(string source, string name, string resource, CompiledSelect root, CompiledColumn[] columns, (Node, string)[] filters)
    {
        Source = source;
        Name = name;
        Resource = resource;
        Root = root;
        Filters = filters;
        Columns = Array.ConvertAll(columns, c => c.Column);
        runners = new ThreadLocal<ViewRunner>(() => new ViewRunner(this));
        Compiled = CompiledView.TryCompile(this);
        if (Compiled is { } compiled)
        {
            compiledRunners = new ThreadLocal<CompiledRunner>(() => new CompiledRunner(compiled));
        }
    }

    /// <summary>Where the view came from (a file path, or a label for in-memory views), used in messages.</summary>
    public string Source { get; }

    /// <summary>The view's <c>name</c>, or the file name when it has none.</summary>
    public string Name { get; }

    /// <summary>The FHIR resource type the view runs on (<c>Patient</c>, <c>Observation</c>, ...).</summary>
    public string Resource { get; }

    /// <summary>The output columns in view order.</summary>
    public IReadOnlyList<ViewColumn> Columns { get; }

    internal CompiledSelect Root { get; }

    internal (Node Filter, string Where)[] Filters { get; }

    /// <summary>The view's columns compiled for one row per resource, or null when its shape needs the general evaluator.</summary>
    internal CompiledView? Compiled { get; }

    /// <summary>Reads and compiles a ViewDefinition file; any problem is a <see cref="ViewDefinitionException"/> naming the place.</summary>
    public static ViewDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ViewDefinitionException(path, "", "the view file does not exist");
        }
        using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ViewDefinitionException(path, "", $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (document)
        {
            return Parse(document.RootElement, path);
        }
    }

    /// <summary>Compiles a ViewDefinition held in JSON text.</summary>
    public static ViewDefinition Parse(string json, string source = "view")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ViewDefinitionException(source, "", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            return Parse(document.RootElement, source);
        }
    }

    /// <summary>Compiles a ViewDefinition. The element is not kept: the compiled view owns copies of what it needs.</summary>
    public static ViewDefinition Parse(JsonElement view, string source = "view") =>
        ViewCompiler.Compile(view.Clone(), source);

    /// <summary>True when a resource of this type is one the view runs on.</summary>
    public bool AppliesTo(string resourceType) => string.Equals(resourceType, Resource, StringComparison.Ordinal);

    /// <summary>
    /// Evaluates the view on one resource and hands each row to <paramref name="sink"/>. Resources of another type
    /// give no rows. A path that fails on this resource (e.g. several values in a non-collection column) throws a
    /// <see cref="ViewDefinitionException"/> naming the column; callers reading bad data may catch it and reject the record.
    /// Thread-safe.
    /// </summary>
    public void Evaluate(JsonElement resource, IViewRowSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        // The compiled form checks the type in its pass over the resource's members, so a resource of this type is not
        // searched for its resourceType first. It gives the same rows; for anything else it emits nothing and says so.
        if (compiledRunners is not null && resource.ValueKind == JsonValueKind.Object && compiledRunners.Value!.TryEvaluate(resource, sink))
        {
            return;
        }
        if (resource.ValueKind != JsonValueKind.Object
            || !resource.TryGetProperty("resourceType"u8, out var type)
            || type.ValueKind != JsonValueKind.String
            || !type.ValueEquals(Resource))
        {
            return;
        }
        runners.Value!.Evaluate(resource, sink);
    }

    /// <summary>Evaluates with the general evaluator only, never the compiled form (tests compare the two).</summary>
    internal void EvaluateGeneral(JsonElement resource, IViewRowSink sink)
    {
        if (resource.ValueKind == JsonValueKind.Object
            && resource.TryGetProperty("resourceType"u8, out var type)
            && type.ValueKind == JsonValueKind.String
            && type.ValueEquals(Resource))
        {
            runners.Value!.Evaluate(resource, sink);
        }
    }
}
