import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import Layout from "./components/Layout.jsx";
import NotFound from "./components/NotFound.jsx";
import { routes } from "./routes.jsx";
import "./app.css";

const router = createBrowserRouter([{
  element: <Layout />,
  children: [
    ...routes.map(({ path, component: Page, title }) => ({ path, element: <Page />, handle: { title } })),
    { path: "*", element: <NotFound />, handle: { title: "Not found" } }
  ]
}]);

createRoot(document.getElementById("root")).render(<StrictMode><RouterProvider router={router} /></StrictMode>);
