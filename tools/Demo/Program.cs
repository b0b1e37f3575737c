using MultiCluster.Demo;

return await DemoCommand.Create().Parse(args).InvokeAsync();
