namespace Lodestar.Fhir.Views;

/// <summary>
/// The ViewDefinitions Lodestar ships (patient, encounter, condition, observation, procedure, immunization,
/// medication_request, coverage). They are plain JSON files in the <c>views/</c> folder next to the binaries,
/// which users can read and replace; the same files are embedded as a fallback.
/// </summary>
public static class LodestarViews
{
    /// <summary>The shipped view names, in the order ingest should run them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["patient", "encounter", "condition", "observation", "procedure", "immunization", "medication_request", "coverage"];

    /// <summary>The folder holding the shipped view files (<c>views/</c> beside the assembly).</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "views");

    /// <summary>Compiles a shipped view by name, preferring the file in <see cref="Folder"/> (so a user's replacement wins).</summary>
    public static ViewDefinition Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var file = Path.Combine(Folder, name + ".json");
        if (File.Exists(file))
        {
            return ViewDefinition.Load(file);
        }
        using var stream = typeof(LodestarViews).Assembly.GetManifestResourceStream($"Lodestar.Fhir.Views.{name}.json")
            ?? throw new ViewDefinitionException(name, "", $"there is no shipped view '{name}'; the shipped views are {string.Join(", ", Names)}");
        using var reader = new StreamReader(stream);
        return ViewDefinition.Parse(reader.ReadToEnd(), $"views/{name}.json");
    }

    /// <summary>Whether a name is one of the shipped views.</summary>
    public static bool IsShipped(string name) => Names.Contains(name, StringComparer.Ordinal);
}
