using System.Globalization;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// Recursive-descent parser for the FHIRPath subset SQL on FHIR v2 needs, following the precedence table
/// of FHIRPath N1 §"Operator precedence" (highest first): . [] · unary +/- · * / div mod · + - &amp; · is as ·
/// | · &lt; &gt; &lt;= &gt;= · = ~ != !~ · in contains · and · xor or · implies.
/// Constants are resolved here, so an unknown <c>%name</c> is a compile error rather than a per-row one.
/// </summary>
internal sealed class Parser
{
    private readonly List<Token> tokens;
    private readonly IReadOnlyDictionary<string, Item[]> constants;
    private int position;

    private Parser(List<Token> tokens, IReadOnlyDictionary<string, Item[]> constants)
    {
        this.tokens = tokens;
        this.constants = constants;
    }

    public static Node Parse(string expression, IReadOnlyDictionary<string, Item[]> constants)
    {
        var parser = new Parser(Lexer.Tokenize(expression), constants);
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new FhirPathException("the expression is empty");
        }
        var node = parser.Expression();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new FhirPathException($"unexpected '{parser.Peek.Text}' at position {parser.Peek.Position}");
        }
        return node;
    }

    private Token Peek => tokens[position];

    private bool IsSymbol(string symbol) => Peek.Kind == TokenKind.Symbol && Peek.Text == symbol;

    private bool IsKeyword(string keyword) => Peek.Kind == TokenKind.Identifier && Peek.Text == keyword;

    private Token Next() => tokens[position++];

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol))
        {
            throw new FhirPathException(Peek.Kind == TokenKind.End
                ? $"expected '{symbol}' but the expression ended"
                : $"expected '{symbol}' at position {Peek.Position} but found '{Peek.Text}'");
        }
        position++;
    }

    private Node Expression() => Implies();

    private Node Implies()
    {
        var left = OrXor();
        while (IsKeyword("implies"))
        {
            Next();
            left = new BinaryNode(BinaryOperator.Implies, left, OrXor());
        }
        return left;
    }

    private Node OrXor()
    {
        var left = And();
        while (IsKeyword("or") || IsKeyword("xor"))
        {
            var op = Next().Text == "or" ? BinaryOperator.Or : BinaryOperator.Xor;
            left = new BinaryNode(op, left, And());
        }
        return left;
    }

    private Node And()
    {
        var left = Membership();
        while (IsKeyword("and"))
        {
            Next();
            left = new BinaryNode(BinaryOperator.And, left, Membership());
        }
        return left;
    }

    private Node Membership()
    {
        var left = Equality();
        while (IsKeyword("in") || IsKeyword("contains"))
        {
            var op = Next().Text == "in" ? BinaryOperator.In : BinaryOperator.Contains;
            left = new BinaryNode(op, left, Equality());
        }
        return left;
    }

    private Node Equality()
    {
        var left = Inequality();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "=" or "!=" or "~" or "!~")
        {
            var op = Next().Text switch
            {
                "=" => BinaryOperator.Equal,
                "!=" => BinaryOperator.NotEqual,
                "~" => BinaryOperator.Equivalent,
                _ => BinaryOperator.NotEquivalent,
            };
            left = new BinaryNode(op, left, Inequality());
        }
        return left;
    }

    private Node Inequality()
    {
        var left = Union();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "<" or ">" or "<=" or ">=")
        {
            var op = Next().Text switch
            {
                "<" => BinaryOperator.Less,
                ">" => BinaryOperator.Greater,
                "<=" => BinaryOperator.LessOrEqual,
                _ => BinaryOperator.GreaterOrEqual,
            };
            left = new BinaryNode(op, left, Union());
        }
        return left;
    }

    private Node Union()
    {
        var left = TypeExpression();
        while (IsSymbol("|"))
        {
            Next();
            left = new BinaryNode(BinaryOperator.Union, left, TypeExpression());
        }
        return left;
    }

    private Node TypeExpression()
    {
        var left = Additive();
        while (IsKeyword("is") || IsKeyword("as"))
        {
            var kind = Next().Text == "is" ? FunctionKind.Is : FunctionKind.As;
            left = new FunctionNode(left, kind, [], TypeSpecifier(), null);
        }
        return left;
    }

    private string TypeSpecifier()
    {
        var name = Identifier("a type name");
        while (IsSymbol("."))
        {
            Next();
            name += "." + Identifier("a type name");
        }
        return name;
    }

    private string Identifier(string what)
    {
        if (Peek.Kind is not (TokenKind.Identifier or TokenKind.DelimitedIdentifier))
        {
            throw new FhirPathException($"expected {what} at position {Peek.Position}");
        }
        return Next().Text;
    }

    private Node Additive()
    {
        var left = Multiplicative();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "+" or "-" or "&")
        {
            var op = Next().Text switch
            {
                "+" => BinaryOperator.Add,
                "-" => BinaryOperator.Subtract,
                _ => BinaryOperator.Concatenate,
            };
            left = new BinaryNode(op, left, Multiplicative());
        }
        return left;
    }

    private Node Multiplicative()
    {
        var left = Unary();
        while ((Peek.Kind == TokenKind.Symbol && Peek.Text is "*" or "/") || IsKeyword("div") || IsKeyword("mod"))
        {
            var op = Next().Text switch
            {
                "*" => BinaryOperator.Multiply,
                "/" => BinaryOperator.Divide,
                "div" => BinaryOperator.IntegerDivide,
                _ => BinaryOperator.Modulo,
            };
            left = new BinaryNode(op, left, Unary());
        }
        return left;
    }

    private Node Unary()
    {
        if (IsSymbol("-"))
        {
            Next();
            return new NegateNode(Unary());
        }
        if (IsSymbol("+"))
        {
            Next();
            return Unary();
        }
        return Postfix();
    }

    private Node Postfix()
    {
        var node = Term();
        while (true)
        {
            if (IsSymbol("."))
            {
                Next();
                node = Invocation(node);
            }
            else if (IsSymbol("["))
            {
                Next();
                var index = Expression();
                Expect("]");
                node = new IndexerNode(node, index);
            }
            else
            {
                return node;
            }
        }
    }

    private Node Term()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.String:
                Next();
                return new LiteralNode([Item.FromString(token.Text)]);
            case TokenKind.Number:
                Next();
                var number = decimal.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                return new LiteralNode([token.Text.Contains('.', StringComparison.Ordinal) ? Item.FromDecimal(number) : Item.FromInteger(number)]);
            case TokenKind.DateTime:
                Next();
                return new LiteralNode([Item.FromString(token.Text, token.Text.StartsWith('T') ? "time" : token.Text.Contains('T', StringComparison.Ordinal) ? "dateTime" : "date")]);
            case TokenKind.ExternalConstant:
                Next();
                return Constant(token);
            case TokenKind.Symbol when token.Text == "(":
                Next();
                var inner = Expression();
                Expect(")");
                return inner;
            case TokenKind.Symbol when token.Text == "{":
                Next();
                Expect("}");
                return new LiteralNode([]);
            case TokenKind.Identifier when token.Text is "true" or "false":
                Next();
                return new LiteralNode([Item.FromBoolean(token.Text == "true")]);
            case TokenKind.Identifier when token.Text == "$this":
                Next();
                return new ThisNode();
            case TokenKind.Identifier when token.Text.StartsWith('$'):
                throw new FhirPathException($"{token.Text} is not supported");
            case TokenKind.Identifier:
            case TokenKind.DelimitedIdentifier:
                return Invocation(null);
            case TokenKind.End:
                throw new FhirPathException("the expression ended where a value was expected");
            default:
                throw new FhirPathException($"unexpected '{token.Text}' at position {token.Position}");
        }
    }

    private Node Constant(Token token)
    {
        switch (token.Text)
        {
            case "rowIndex":
                return new RowIndexNode();
            case "resource":
            case "rootResource":
            case "context":
                return new ResourceNode();
            case "ucum":
                return new LiteralNode([Item.FromString("http://unitsofmeasure.org")]);
        }
        if (constants.TryGetValue(token.Text, out var values))
        {
            return new LiteralNode(values);
        }
        throw new FhirPathException($"%{token.Text} is not defined; declare it in the view's constant list");
    }

    private Node Invocation(Node? source)
    {
        var token = Peek;
        var name = Identifier("a name or function");
        if (!IsSymbol("(") || token.Kind == TokenKind.DelimitedIdentifier)
        {
            return new MemberNode(source, name);
        }
        Next();
        var arguments = new List<Node>();
        if (!IsSymbol(")"))
        {
            arguments.Add(Expression());
            while (IsSymbol(","))
            {
                Next();
                arguments.Add(Expression());
            }
        }
        Expect(")");
        return Functions.Create(source, name, arguments);
    }
}
