using System.Text;
using System.Text.Json;

namespace Lodestar.Synth;

/// <summary>
/// A code with its system and display, with its FHIR Coding JSON pre-encoded once
/// (<c>{"system":…,"code":…,"display":…}</c>) so writing it is one copy.
/// </summary>
internal sealed class ClinicalCode
{
    public ClinicalCode(string system, string code, string display)
    {
        SystemText = system;
        CodeText = code;
        Display = display;
        CodingJson = Encoding.UTF8.GetBytes(
            $"{{\"system\":{JsonSerializer.Serialize(system)},\"code\":{JsonSerializer.Serialize(code)},\"display\":{JsonSerializer.Serialize(display)}}}");
        ConceptJson = [.. "{\"coding\":["u8, .. CodingJson, .. "]}"u8];
    }

    public string SystemText { get; }

    public string CodeText { get; }

    public string Display { get; }

    /// <summary>The Coding object.</summary>
    public byte[] CodingJson { get; }

    /// <summary>A CodeableConcept holding only this Coding.</summary>
    public byte[] ConceptJson { get; }
}
