using Lodestar.Cli;

return await LodestarCli.RunAsync(args, Console.Out, Console.Error);
