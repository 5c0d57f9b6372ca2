using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views;

/// <summary>
/// Checks a ViewDefinition (SQL on FHIR v2, StructureDefinition-ViewDefinition) and compiles every FHIRPath in it once.
/// Every problem is reported with its place in the view, so "select[1].column[0].path: unknown function foo()"
/// tells the author exactly what to fix.
/// </summary>
internal sealed partial class ViewCompiler
{
    private readonly string source;
    private readonly Dictionary<string, Item[]> constants = new(StringComparer.Ordinal);
    private readonly List<CompiledColumn> columns = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int memoSlots;

    private ViewCompiler(string source) => this.source = source;

    public static ViewDefinition Compile(JsonElement view, string source)
    {
        var compiler = new ViewCompiler(source);
        return compiler.CompileView(view);
    }

    private ViewDefinition CompileView(JsonElement view)
    {
        if (view.ValueKind != JsonValueKind.Object)
        {
            throw Error("", "a ViewDefinition must be a JSON object");
        }
        if (!view.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.String || resource.GetString()!.Length == 0)
        {
            throw Error("resource", "the view must name the FHIR resource type it runs on (\"resource\": \"Patient\")");
        }
        var resourceType = resource.GetString()!;
        if (!ResourceTypes.IsKnown(resourceType))
        {
            throw Error("resource", $"'{resourceType}' is not a FHIR R4 resource type");
        }
        if (view.TryGetProperty("constant", out var constantList))
        {
            CompileConstants(constantList);
        }
        if (!view.TryGetProperty("select", out var selects) || selects.ValueKind != JsonValueKind.Array || selects.GetArrayLength() == 0)
        {
            throw Error("select", "the view needs at least one select");
        }
        var root = CompileSelectList(selects, "select", allowEmpty: false);
        var filters = new List<(Node, string)>();
        if (view.TryGetProperty("where", out var where))
        {
            if (where.ValueKind != JsonValueKind.Array)
            {
                throw Error("where", "where must be a list of { \"path\": ... }");
            }
            var i = 0;
            foreach (var clause in where.EnumerateArray())
            {
                var at = $"where[{i++}].path";
                if (clause.ValueKind != JsonValueKind.Object || !clause.TryGetProperty("path", out var path))
                {
                    throw Error(at, "each where clause needs a path");
                }
                filters.Add((Expression(path, at), at));
            }
        }
        var name = view.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileNameWithoutExtension(source);
        var top = new CompiledSelect { Selects = root, Start = 0, End = columns.Count, Where = "select" };
        return new ViewDefinition(source, name, resourceType, top, [.. columns], [.. filters]);
    }

    private void CompileConstants(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Error("constant", "constant must be a list");
        }
        var i = 0;
        foreach (var constant in list.EnumerateArray())
        {
            var at = $"constant[{i++}]";
            if (constant.ValueKind != JsonValueKind.Object || !constant.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw Error(at, "a constant needs a name");
            }
            Item? value = null;
            foreach (var property in constant.EnumerateObject())
            {
                if (!property.Name.StartsWith("value", StringComparison.Ordinal) || property.Name.Length <= 5)
                {
                    continue;
                }
                if (value is not null)
                {
                    throw Error(at, "a constant has exactly one value[x]");
                }
                value = ConstantValue(property, at);
            }
            constants[name.GetString()!] = value is { } v ? [v] : throw Error(at, $"constant '{name.GetString()}' has no value[x] (valueString, valueInteger, ...)");
        }
    }

    private Item ConstantValue(JsonProperty property, string at)
    {
        var type = property.Name[5..];
        var fhirType = char.ToLowerInvariant(type[0]) + type[1..];
        var value = property.Value;
        switch (fhirType)
        {
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return Item.FromBoolean(value.GetBoolean());
            case "integer" or "positiveInt" or "unsignedInt" or "integer64" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer):
                return Item.FromInteger(integer);
            case "integer64" when value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var big):
                return Item.FromInteger(big);
            case "decimal" when value.ValueKind == JsonValueKind.Number:
                return Item.FromJson(value).ToPrimitive() is var d && d.IsNumber ? Item.FromDecimal(d.Number) : throw Error(at, "valueDecimal is not a number");
            case "string" or "code" or "id" or "uri" or "url" or "canonical" or "oid" or "uuid" or "markdown" or "base64Binary"
                or "date" or "dateTime" or "time" or "instant" when value.ValueKind == JsonValueKind.String:
                return Item.FromString(value.GetString()!, fhirType);
            default:
                throw Error(at, $"{property.Name} is not a supported constant type, or its JSON value has the wrong type");
        }
    }

    private CompiledSelect[] CompileSelectList(JsonElement list, string at, bool allowEmpty)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Error(at, "must be a list of selects");
        }
        if (!allowEmpty && list.GetArrayLength() == 0)
        {
            throw Error(at, "must not be empty");
        }
        var result = new CompiledSelect[list.GetArrayLength()];
        var i = 0;
        foreach (var select in list.EnumerateArray())
        {
            result[i] = CompileSelect(select, $"{at}[{i}]");
            i++;
        }
        return result;
    }

    private CompiledSelect CompileSelect(JsonElement select, string at)
    {
        if (select.ValueKind != JsonValueKind.Object)
        {
            throw Error(at, "a select must be an object");
        }
        Node? forEach = null;
        var orNull = false;
        Node[]? repeat = null;
        var hasForEach = select.TryGetProperty("forEach", out var forEachPath);
        var hasForEachOrNull = select.TryGetProperty("forEachOrNull", out var forEachOrNullPath);
        var hasRepeat = select.TryGetProperty("repeat", out var repeatPaths);
        if ((hasForEach ? 1 : 0) + (hasForEachOrNull ? 1 : 0) + (hasRepeat ? 1 : 0) > 1)
        {
            throw Error(at, "a select may have only one of forEach, forEachOrNull and repeat");
        }
        if (hasForEach)
        {
            forEach = Expression(forEachPath, at + ".forEach");
        }
        else if (hasForEachOrNull)
        {
            forEach = Expression(forEachOrNullPath, at + ".forEachOrNull");
            orNull = true;
        }
        else if (hasRepeat)
        {
            if (repeatPaths.ValueKind != JsonValueKind.Array || repeatPaths.GetArrayLength() == 0)
            {
                throw Error(at + ".repeat", "repeat must be a non-empty list of paths");
            }
            repeat = new Node[repeatPaths.GetArrayLength()];
            var r = 0;
            foreach (var path in repeatPaths.EnumerateArray())
            {
                repeat[r] = Expression(path, $"{at}.repeat[{r}]");
                r++;
            }
        }
        var start = columns.Count;
        var own = new List<CompiledColumn>();
        if (select.TryGetProperty("column", out var columnList))
        {
            if (columnList.ValueKind != JsonValueKind.Array)
            {
                throw Error(at + ".column", "column must be a list");
            }
            var c = 0;
            foreach (var column in columnList.EnumerateArray())
            {
                own.Add(CompileColumn(column, $"{at}.column[{c++}]"));
            }
        }
        var nested = select.TryGetProperty("select", out var selectList) ? CompileSelectList(selectList, at + ".select", allowEmpty: true) : [];
        var union = select.TryGetProperty("unionAll", out var unionList) ? CompileUnion(unionList, at + ".unionAll") : [];
        if (own.Count == 0 && nested.Length == 0 && union.Length == 0)
        {
            throw Error(at, "a select needs columns, a nested select or a unionAll");
        }
        return new CompiledSelect
        {
            ForEach = forEach,
            OrNull = orNull,
            Repeat = repeat,
            Where = at,
            Columns = SharedPaths.Memoize([.. own], ref memoSlots),
            Selects = nested,
            UnionAll = union,
            Start = start,
            End = columns.Count,
        };
    }

    /// <summary>unionAll branches must produce the same columns in the same order (SQL on FHIR v2 "unionAll").</summary>
    private CompiledSelect[] CompileUnion(JsonElement list, string at)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw Error(at, "unionAll must be a non-empty list of selects");
        }
        var start = columns.Count;
        var branches = new CompiledSelect[list.GetArrayLength()];
        List<ViewColumn>? first = null;
        var i = 0;
        foreach (var select in list.EnumerateArray())
        {
            // Every branch writes into the same columns: compile it, then fold its columns onto the first branch's.
            var before = columns.Count;
            if (first is not null)
            {
                foreach (var column in first)
                {
                    names.Remove(column.Name);
                }
            }
            var branch = CompileSelect(select, $"{at}[{i}]");
            var produced = columns.GetRange(before, columns.Count - before);
            if (first is null)
            {
                first = produced.ConvertAll(c => c.Column);
                branches[i] = branch;
            }
            else
            {
                if (produced.Count != first.Count || produced.Where((c, k) => c.Column.Name != first[k].Name).Any())
                {
                    throw Error($"{at}[{i}]", $"every unionAll branch must have the columns [{string.Join(", ", first.Select(c => c.Name))}] in that order, " +
                        $"not [{string.Join(", ", produced.Select(c => c.Column.Name))}]");
                }
                columns.RemoveRange(before, produced.Count);
                foreach (var column in produced)
                {
                    names.Remove(column.Column.Name);
                }
                foreach (var column in first)
                {
                    names.Add(column.Name);
                }
                branches[i] = Shift(branch, start - before);
            }
            i++;
        }
        return branches;
    }

    /// <summary>Moves a later unionAll branch's column indices onto the first branch's.</summary>
    private static CompiledSelect Shift(CompiledSelect select, int delta) => new()
    {
        ForEach = select.ForEach,
        OrNull = select.OrNull,
        Repeat = select.Repeat,
        Where = select.Where,
        Columns = Array.ConvertAll(select.Columns, c => c with { Column = c.Column with { Index = c.Column.Index + delta } }),
        Selects = Array.ConvertAll(select.Selects, s => Shift(s, delta)),
        UnionAll = Array.ConvertAll(select.UnionAll, s => Shift(s, delta)),
        Start = select.Start + delta,
        End = select.End + delta,
    };

    private CompiledColumn CompileColumn(JsonElement column, string at)
    {
        if (column.ValueKind != JsonValueKind.Object)
        {
            throw Error(at, "a column must be an object");
        }
        if (!column.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw Error(at + ".name", "a column needs a name");
        }
        var name = nameElement.GetString()!;
        // SQL on FHIR v2: names are database-friendly, ^[A-Za-z][A-Za-z0-9_]*$.
        if (!ColumnName().IsMatch(name))
        {
            throw Error(at + ".name", $"'{name}' is not a valid column name (letters, digits and _, starting with a letter)");
        }
        if (!column.TryGetProperty("path", out var path))
        {
            throw Error(at + ".path", $"column '{name}' needs a path");
        }
        var expression = Expression(path, at + ".path");
        string? type = null;
        if (column.TryGetProperty("type", out var typeElement))
        {
            type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : throw Error(at + ".type", "type must be a string");
        }
        var collection = false;
        if (column.TryGetProperty("collection", out var collectionElement))
        {
            collection = collectionElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(at + ".collection", "collection must be true or false"),
            };
        }
        if (!names.Add(name))
        {
            throw Error(at + ".name", $"column name '{name}' is used twice");
        }
        var compiled = new CompiledColumn(expression, new ViewColumn(name, path.GetString()!, type, collection, columns.Count), at + ".path");
        columns.Add(compiled);
        return compiled;
    }

    private Node Expression(JsonElement path, string at)
    {
        if (path.ValueKind != JsonValueKind.String)
        {
            throw Error(at, "must be a FHIRPath expression in a string");
        }
        try
        {
            return Parser.Parse(path.GetString()!, constants);
        }
        catch (FhirPathException e)
        {
            throw Error(at, $"'{path.GetString()}': {e.Message}");
        }
    }

    private ViewDefinitionException Error(string at, string reason) => new(source, at, reason);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();
}
